# Resources

